package synth

// hansCustomerPhrases are the Simplified Chinese phrases of customers that do
// not depend on the intent.
func hansCustomerPhrases() rawBook {
	return rawBook{
		kCustHello:         {"你好", "在吗", "[亲|客服]在吗？", "你好，", "客服你好", "hello", "有人吗"},
		kCustGiveOrder:     {"订单号：{order}", "{order}", "[是这个|就这个] {order}", "订单号是{order}[，麻烦查下|]", "我的订单{order}"},
		kCustGiveOrderMore: {"我刚才不是发过了吗？{order}", "[说了好几遍了|都发了三遍了]，{order}！！", "又要订单号？{order}，你们能不能看下聊天记录", "{order} 这是第几次问了？"},
		kCustGivePhone:     {"手机号是{phone}", "{phone}", "注册的手机号{phone}", "[我的手机|电话]是{phone}，你们核实一下"},
		kCustGiveCard:      {"退到这张卡吧：{card}", "卡号{card}", "银行卡号是{card}", "{card} 工商银行的"},
		kCustGiveID:        {"身份证号{idnum}", "{idnum}", "订购人身份证：{idnum}", "好的，身份证号是{idnum}"},
		kCustGiveAddress:   {"地址是{address}", "寄到{address}", "收货地址：{address}，别再送错了"},
		kCustGiveEmail:     {"我的邮箱是{email}", "发到{email}就行", "邮箱{email}"},
		kCustAskHuman:      {"转人工", "人工客服", "[我要|请帮我]转人工[客服|]", "你是机器人吧？我要找真人", "不要机器人，转人工！", "能不能让人工客服来处理"},
		kCustAskHumanMore:  {"我说了转人工！！！", "听不懂吗？转人工！", "人工！人工！人工！", "我要人工客服，别再问我了"},
		kCustSatisfied:     {"好的，那我就放心了", "[嗯嗯|好的]，这样就行，辛苦了", "太好了，谢谢你[！|～|😊]", "行，那我等[通知|消息]", "明白了，麻烦你了"},
		kCustThanks:        {"好的谢谢", "[谢谢|感谢]", "好的，没有了，谢谢", "OK，谢谢啦", "嗯，没别的了"},
		kCustUnhappyBye:    {"算了，[我自己想办法吧|不想说了]", "你们这服务真是无语，我要投诉", "行吧，我去平台投诉你们", "就这样吧，给差评"},
		kCustThreat:        {"再不解决我就打12315投诉！", "我要投诉你们，找你们领导来", "我要在平台上投诉，还要给差评！", "不处理我就去消协投诉"},
		kCustQuotePromise:  {"你们能保证明天到吗？", "上次客服说保证全额退款的", "你能不能保证不会再出现这种情况？", "之前说好保证三天内发货的"},
		kCustAlso:          {"另外，", "还有个问题，", "对了，", "顺便问一下，"},
		kCustSpike:         {"这批是不是{spikeword}的？", "而且{spikeword}，你们怎么回事？", "我收到的也是{spikeword}，批次{batch}", "网上好多人说{spikeword}，是真的吗？"},
		kCustCoupon:        {"我的优惠券过期了，还能用吗？", "{coupon}的券昨天过期了，能补发吗？", "优惠券显示已过期，明明还没到时间啊"},
		kCustBlamedReply:   {"你这是什么态度？？", "你怎么说话的？", "我又不是故意的，你凶什么", "怎么就成我的问题了？"},
		kCustFiller:        {"嗯", "那个", "喂", "呃", "对对对", "是的"},
		kCustAbuse:         {"你们客服都是白痴吗？", "什么垃圾客服，脑子有病吧", "卧槽，你们到底会不会做事", "你是不是傻？听不懂人话？"},
		kCustOffPlatform:   {"能加个微信吗？直接转账给你行不行", "可以私下交易吗？便宜点", "你微信多少？我加你私聊"},
		kCustEmailOpen:     {"您好，\n\n", "客服您好：\n\n", "你好，\n"},
		kCustEmailSign:     {"\n\n{customer}", "\n\n谢谢！\n{customer}", "\n\n盼复。\n{customer}\n联系电话：{phone}"},
		kCustAngrySuffix:   {"！！！", "？？？", "😡", "！！", "🙄", "，真的无语", "，太离谱了！"},
		kCustAnxiousSuffix: {"，急！", "，很着急", "，麻烦快点", "😭", "？？"},
		kCustHappySuffix:   {"😊", "👍", "～", "！"},
		keyFollowup(moodCalm): {
			"那大概[什么时候|多久]能处理好呢？",
			"好的，那我需要做什么吗？",
			"那我等消息就可以了吗？",
			"请问有物流单号可以查吗？",
		},
		keyFollowup(moodAnxious): {
			"能不能快一点，我[真的|]很急",
			"[今天|明天]能处理好吗？我等着用",
			"万一还是不行怎么办？",
			"我已经等了好几天了，能帮忙催一下吗",
		},
		keyFollowup(moodAngry): {
			"你们这是什么服务！！！",
			"每次都说处理，到底什么时候处理？",
			"我不想听这些，直接给我解决",
			"太过分了，我花钱买的东西就这样？",
			"别跟我说稍等，都等了多久了？",
		},
	}
}
